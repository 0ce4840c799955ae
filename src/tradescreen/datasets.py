"""The table of datasets: one row per official list, naming its publisher, URL and parser.

Parsers are named as ``"module:function"`` and imported lazily, so listing datasets costs
nothing and a broken optional parser cannot stop the others.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from tradescreen.sources.base import Parser


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str
    title: str
    publisher: str
    url: str
    format: str
    parser: str

    def load_parser(self) -> Parser:
        module, func = self.parser.split(":")
        fn: Parser = getattr(importlib.import_module(f"tradescreen.sources.{module}"), func)
        return fn


_NSF = "nsfreg:parse"  # the derived US-lists JSON family

DATASETS: tuple[Dataset, ...] = (
    Dataset("us_bis_el", "Entity List (Supp. 4 to 15 CFR 744)", "US Department of Commerce, BIS",
            "https://www.ecfr.gov/api/renderer/v1/content/enhanced/current/title-15?part=744&appendix=Supplement%20No.%204%20to%20Part%20744",
            "nsfreg-json | bis-legacy-csv", _NSF),
    Dataset("us_bis_meu", "Military End-User List (Supp. 7 to 15 CFR 744)", "US Department of Commerce, BIS",
            "https://www.bis.gov/regulations/ear/part-744/supplement-no-7-part-744-military-end-user-meu-list",
            "nsfreg-json", _NSF),
    Dataset("us_bis_dpl", "Denied Persons List", "US Department of Commerce, BIS",
            "https://www.bis.doc.gov/dpl/dpl.txt", "bis-dpl-tab | nsfreg-json", "bis:parse_dpl_any"),
    Dataset("us_ofac_sdn", "Specially Designated Nationals and Blocked Persons List", "US Treasury, OFAC",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
            "ofac-legacy-csv | ofac-xml", "ofac:parse_any"),
    Dataset("us_ofac_cons", "Consolidated (non-SDN) Sanctions List, incl. NS-CMIC", "US Treasury, OFAC",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
            "ofac-legacy-csv | ofac-xml", "ofac:parse_any"),
    Dataset("us_trade_csl", "Consolidated Screening List", "US Department of Commerce, ITA",
            "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
            "csl-csv | csl-json", "csl:parse"),
    Dataset("un_sc", "UN Security Council Consolidated List", "United Nations Security Council",
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml", "un-xml", "un:parse"),
    Dataset("eu_fsf", "EU Consolidated Financial Sanctions List", "European Commission (FISMA)",
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
            "eu-yaml", "eu:parse"),
    Dataset("gb_fcdo", "UK Sanctions List", "UK Foreign, Commonwealth & Development Office",
            "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv",
            "uk-yaml | uk-tables | uk-ods", "uk:parse"),
    Dataset("us_dod_1260h", "Section 1260H Chinese Military Companies", "US Department of Defense (War)",
            "https://www.federalregister.gov/documents/2026/06/10/2026-11571", "nsfreg-json", _NSF),
    Dataset("us_dod_1286", "Section 1286 Foreign Talent Programs and Institutions",
            "US Department of Defense (War)",
            "https://basicresearch.defense.gov/Programs/Academic-Research-Security/", "nsfreg-json", _NSF),
    Dataset("us_state_isn", "Nonproliferation Sanctions (ISN)", "US Department of State, ISN",
            "https://www.state.gov/key-topics-bureau-of-international-security-and-nonproliferation/nonproliferation-sanctions",
            "nsfreg-json", _NSF),
    Dataset("us_ddtc_debarred", "ITAR Debarred Parties", "US Department of State, DDTC",
            "https://www.pmddtc.state.gov/ddtc_public/ddtc_public?id=ddtc_kb_article_page&sys_id=c22d1833dbb8d300d0a370131f9619f0",
            "ddtc-csv | nsfreg-json", "ddtc:parse_any"),
    Dataset("us_dhs_uflpa", "UFLPA Entity List", "US Department of Homeland Security",
            "https://www.dhs.gov/uflpa-entity-list", "nsfreg-json", _NSF),
    Dataset("us_fcc_covered", "FCC Covered List", "US Federal Communications Commission",
            "https://www.fcc.gov/supplychain/coveredlist", "nsfreg-json", _NSF),
    Dataset("us_ofac_eo14032", "Annex to Executive Order 14032", "US Treasury, OFAC",
            "https://ofac.treasury.gov/media/57606/download?inline", "nsfreg-json", _NSF),
    Dataset("us_cbp_wro", "Withhold Release Orders and Findings", "US Customs and Border Protection",
            "https://www.cbp.gov/trade/forced-labor/withhold-release-orders-and-findings",
            "nsfreg-json", _NSF),
)

BY_NAME: dict[str, Dataset] = {d.name: d for d in DATASETS}


def get(name: str) -> Dataset:
    try:
        return BY_NAME[name]
    except KeyError:
        known = ", ".join(sorted(BY_NAME))
        raise KeyError(f"unknown dataset {name!r}; known: {known}") from None
