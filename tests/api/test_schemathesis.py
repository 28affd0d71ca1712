"""Every API operation's real responses conform to the OpenAPI schema the API publishes.

Schemathesis reads /api/v1/schema/ from the test server (pytest-django's ``live_server``), generates
requests for each operation from the schema (parameters of every documented type, in range and out
of it), sends them to the server, and checks each answer: no server error, a documented status code
and content type, and a body valid against the schema of that status. The figures (operations,
cases, failures) are printed at the end of the run (tests/api/conftest.py).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from .conftest import FIGURES, LIST_URLS


@pytest.fixture
def unthrottled(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/min"}}


def load_schema(live_server):
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")


# Valid requests for every operation; invalid ones where the schema constrains a parameter (a detail
# looked up by slug takes any text, so no request to it can break the schema).
CASES = [
    *[(path, GenerationMode.POSITIVE) for url in LIST_URLS.values() for path in (url, f"{url}{{lookup}}/")],
    *[(url, GenerationMode.NEGATIVE) for url in LIST_URLS.values()],
    *[(f"{LIST_URLS[name]}{{lookup}}/", GenerationMode.NEGATIVE) for name in ("places", "key-figures")],
]
# Empty parameters are ignored and page sizes capped, as on the HTML lists; a filter naming an id that
# exists in no live list is refused (400) although the schema can only say "integer".
EXCLUDED_CHECKS = [negative_data_rejection, positive_data_acceptance]


def run_generated_cases(live_server, loaded, path, mode):
    """Send the requests Hypothesis generates for one operation in one mode and check every answer."""
    operation = loaded[path]["GET"]
    FIGURES["operations"].add(operation.label)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=30,
        derandomize=True,  # the same cases on every run: a red CI means a change broke something
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case):
        FIGURES["cases"] += 1
        case.call_and_validate(base_url=live_server.url, excluded_checks=EXCLUDED_CHECKS)

    check()


@pytest.mark.slow  # hundreds of generated requests through a live server
@pytest.mark.django_db(transaction=True)
def test_api_answers_match_the_published_schema(live_server, world, unthrottled):
    """Run every operation's generated cases, then read the real objects, all against one server and data set."""
    loaded = load_schema(live_server)
    failures = []
    for path, mode in CASES:
        try:
            run_generated_cases(live_server, loaded, path, mode)
        except Exception as error:  # keep going: report every failing operation at once
            FIGURES["failures"] += 1
            failures.append(f"GET {path} ({mode.value}): {error}")

    for name, url in LIST_URLS.items():
        for path, query, path_parameters in [
            (url, {}, {}),
            (url, {"page_size": 1}, {}),
            (f"{url}{{lookup}}/", {}, {"lookup": str(world[name].pk)}),
        ]:
            case = loaded[path]["GET"].Case(query=query, path_parameters=path_parameters)
            response = case.call_and_validate(base_url=live_server.url)
            assert response.status_code == 200
            FIGURES["real"] += 1

    assert not failures, "\n\n".join(failures)
