"""Who may write what, through which door: role × admin model × write path, generated, never listed by hand.

The roles come from the migrations defining them (workflow/migrations/0001_roles.py and the apps' grants), the models from ``admin.site._registry`` and the paths
from each model admin (its actions, inlines, revert and import views). The expected outcome is derived here
from the role's permissions and one rule, independently of workflow/permissions.py: a published object (live
or scheduled) is changed, reverted or deleted only by someone who may also publish it.
A model registered without a way to make one below fails the test as soon as a role may write it.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, Group
from django.forms.models import model_to_dict
from django.test import Client, RequestFactory

from tests import factories
from workflow.mixins import Publishable
from workflow.states import Status

from .conftest import ROLES, change_form_data, client_for, make_user
from .conftest import english_admin_url as admin_url

pytestmark = pytest.mark.django_db

ROLE_NAMES = ["anonymous", *ROLES]
ALLOWED, DENIED = "allowed", "denied"


def make_user_account(**kwargs):
    from django.contrib.auth import get_user_model

    count = get_user_model().objects.count()
    return get_user_model().objects.create_user(f"someone{count}", f"someone{count}@inserm.example", "pw-x-123456")


def make_mailing(**kwargs):
    from newsroom.models import Delivery, Mailing

    mailing = Mailing.objects.create(release=factories.PressReleaseFactory(), kind=Mailing.Kind.EMBARGO)
    mailing.deliveries.create(
        release=mailing.release, kind=mailing.kind, email="afp@example.org", status=Delivery.Status.FAILED
    )
    return mailing


def make_group(**kwargs):
    return Group.objects.create(name=f"Team {Group.objects.count()}")


MAKERS = {
    "auth.user": make_user_account,
    "auth.group": make_group,
    "assets.asset": factories.AssetFactory,
    "directory.theme": factories.ThemeFactory,
    "directory.organisation": factories.OrganisationFactory,
    "directory.person": factories.PersonFactory,
    "pages.page": factories.PageFactory,
    "press.pressrelease": factories.complete_press_release,
    "partnerships.agreement": factories.AgreementFactory,
    "international.place": factories.PlaceFactory,
    "international.fundinginstrument": factories.FundingInstrumentFactory,
    "international.cooperationsite": factories.CooperationSiteFactory,
    "international.indicator": factories.IndicatorFactory,
    "international.keyfigure": factories.KeyFigureFactory,
    "newsroom.journalist": factories.JournalistFactory,
    "newsroom.subscriber": factories.SubscriberFactory,
    "newsroom.mailing": make_mailing,
}
# The state an action is tried on: the one in which it has something to do.
ACTION_STATES = {"unpublish_selected": Status.PUBLISHED, "send_back_selected": Status.REVIEW}


def label_of(model):
    return model._meta.label_lower


def granted(role, model, action):
    return (label_of(model), action) in ROLES.get(role, ())


def expected(role, model, permission, state=None):
    """Return the outcome the role definitions promise for ``permission`` on an object in ``state``."""
    if not granted(role, model, permission):
        return DENIED
    if permission in {"change", "delete"} and state == Status.PUBLISHED and not granted(role, model, "publish"):
        return DENIED
    return ALLOWED


def states(model):
    return [Status.DRAFT, Status.PUBLISHED] if issubclass(model, Publishable) else [None]


def make(model, state):
    maker = MAKERS[label_of(model)]
    if state is None:
        return maker()
    return maker(status=state, publish_at=None)


def url_name(model, view):
    return f"{model._meta.app_label}_{model._meta.model_name}_{view}"


def denied_response(response):
    """Tell a refusal: 403, or the login page for someone not signed in."""
    return response.status_code == 403 or (response.status_code == 302 and "/login/" in response.url)


def outcome(allowed_when, response):
    if denied_response(response):
        return DENIED
    return ALLOWED if allowed_when else f"unexpected {response.status_code}"


def snapshot(obj):
    """Return the object's row and the rows pointing at it (an action may write those, e.g. a mailing's deliveries)."""
    row = type(obj)._default_manager.filter(pk=obj.pk).first()
    if row is None:
        return None
    related = {
        relation.name: [model_to_dict(item) for item in getattr(row, relation.get_accessor_name()).order_by("pk")]
        for relation in row._meta.related_objects
        if relation.one_to_many
    }
    return model_to_dict(row), related


def superuser_request():
    from django.contrib.auth import get_user_model

    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return request


@pytest.fixture
def superuser_client(django_user_model):
    return client_for(django_user_model.objects.create_superuser("root", "root@inserm.example", "pw-x-123456"))


def role_client(django_user_model, role):
    if role == "anonymous":
        return Client(), AnonymousUser()
    user = make_user(django_user_model, role.lower(), role)
    return client_for(user), user


def write_paths(model, model_admin):
    """Return every write path of a model admin: (path name, permission it needs, state of the object)."""
    paths = [("add", "add", None)]
    for state in states(model):
        paths += [
            (f"change {state or ''}".strip(), "change", state),
            (f"delete {state or ''}".strip(), "delete", state),
        ]
        if hasattr(model_admin, "history_form_view"):
            paths.append((f"revert {state or ''}".strip(), "change", state))
    for name, (func, _name, _description) in model_admin.get_actions(superuser_request()).items():
        if set(getattr(func, "allowed_permissions", ()) or ()) == {"view"}:
            continue  # a read-only action (the translation exports) writes nothing
        for permission in getattr(func, "allowed_permissions", ()) or ("change",):
            paths.append((f"action {name}", permission, ACTION_STATES.get(name, states(model)[0])))
    if hasattr(model_admin, "import_view"):
        paths.append(("import", "add", None))
    return paths


def try_path(path, model, state, client, superuser_client):
    """Walk ``path`` with ``client``; return ALLOWED when it wrote (or opened the write form), DENIED when refused."""
    if path == "add":
        return outcome(True, client.get(admin_url(url_name(model, "add"))))
    if path == "import":
        return outcome(True, client.get(admin_url(url_name(model, "import"))))
    obj = make(model, state)
    if path.startswith("change"):
        url = admin_url(url_name(model, "change"), obj.pk)
        response = client.post(url, change_form_data(superuser_client, url))
        return outcome(response.status_code == 302, response)
    if path.startswith("revert"):
        record = obj.history.order_by("history_date").first()
        url = admin_url(url_name(model, "simple_history"), obj.pk, record.pk)
        response = client.post(url, change_form_data(superuser_client, url))
        return outcome(response.status_code == 302, response)
    before = snapshot(obj)
    if path.startswith("delete"):
        response = client.post(admin_url(url_name(model, "delete"), obj.pk), {"post": "yes"})
        return outcome(snapshot(obj) is None, response)
    action = path.removeprefix("action ")
    response = client.post(
        admin_url(url_name(model, "changelist")), {"action": action, "_selected_action": [obj.pk], "post": "yes"}
    )
    if denied_response(response):
        return DENIED
    return ALLOWED if snapshot(obj) != before else DENIED


REGISTRY = sorted(admin.site._registry.items(), key=lambda item: label_of(item[0]))


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=[label_of(model) for model, _admin in REGISTRY])
def test_write_paths_follow_the_role_definitions(django_user_model, superuser_client, role, model, model_admin):
    client, _user = role_client(django_user_model, role)
    paths = write_paths(model, model_admin)
    if label_of(model) not in MAKERS:
        writable = [path for path, permission, state in paths if expected(role, model, permission, state) == ALLOWED]
        assert not writable, f"{role} may write {label_of(model)}: add a maker to MAKERS to test {writable}"
        paths = [(path, permission, state) for path, permission, state in paths if path in {"add", "import"}]

    wanted = {path: expected(role, model, permission, state) for path, permission, state in paths}
    found = {path: try_path(path, model, state, client, superuser_client) for path, _permission, state in paths}

    assert found == wanted


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize(
    ("model", "model_admin"),
    [(model, model_admin) for model, model_admin in REGISTRY if model_admin.inlines],
    ids=[label_of(model) for model, model_admin in REGISTRY if model_admin.inlines],
)
def test_inline_rows_follow_the_role_definitions(django_user_model, role, model, model_admin):
    _client, user = role_client(django_user_model, role)
    request = RequestFactory().get("/")
    request.user = user
    wanted, found = {}, {}
    for state in states(model):
        parent = make(model, state)
        parent_writable = expected(role, model, "change", state) == ALLOWED
        for inline in model_admin.get_inline_instances(superuser_request(), parent):
            hooks = {
                "add": inline.has_add_permission(request, parent),
                "change": inline.has_change_permission(request, parent),
                "delete": inline.has_delete_permission(request, parent),
            }
            for action, allowed in hooks.items():
                key = f"{label_of(inline.model)} {action} ({state})"
                wanted[key] = ALLOWED if parent_writable and granted(role, inline.model, action) else DENIED
                found[key] = ALLOWED if allowed else DENIED

    assert found == wanted
