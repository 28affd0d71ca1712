"""Continent of each ISO 3166-1 alpha-2 country code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Continent(models.TextChoices):
    AFRICA = "AF", _("Africa")
    NORTH_AMERICA = "NA", _("North America")
    SOUTH_AMERICA = "SA", _("South America")
    ASIA = "AS", _("Asia")
    EUROPE = "EU", _("Europe")
    OCEANIA = "OC", _("Oceania")
    ANTARCTICA = "AN", _("Antarctica")


_COUNTRIES = {
    Continent.AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU "
        "MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW"
    ),
    Continent.NORTH_AMERICA: (
        "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR "
        "SV SX TC TT US VC VG VI"
    ),
    Continent.SOUTH_AMERICA: "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    Continent.ASIA: (
        "AE AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV "
        "MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE"
    ),
    Continent.EUROPE: (
        "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC "
        "MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK"
    ),
    Continent.OCEANIA: "AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    Continent.ANTARCTICA: "AQ BV GS HM TF",
}

CONTINENT_OF = {code: continent for continent, codes in _COUNTRIES.items() for code in codes.split()}


def continent_of(country_code):
    """Return the Continent of an ISO alpha-2 code, or None when unknown."""
    return CONTINENT_OF.get(str(country_code).upper())
