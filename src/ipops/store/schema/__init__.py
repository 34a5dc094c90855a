"""Every table of IPOps. Importing this package registers them all on `Base.metadata`."""

from ipops.store.schema.accounts import AuditLog, Organisation, User
from ipops.store.schema.analytics import (
    IndicatorCache,
    IndicatorInput,
    PatentAward,
    PatentFact,
    PatentIndustry,
)
from ipops.store.schema.custody import CustodyItem, CustodyPayment, CustodyPortfolio
from ipops.store.schema.digest import MarketDigest
from ipops.store.schema.finance import PledgeProject, PledgeProjectLog, PledgeProjectPatent, RiskPoolEntry
from ipops.store.schema.imports import ImportError_, ImportRun
from ipops.store.schema.legal_event import LegalEvent
from ipops.store.schema.market import (
    MarketListing,
    MarketListingLog,
    MarketNeed,
    MarketNeedClass,
    SleepingOutcome,
)
from ipops.store.schema.party import Party, PartyName, PatentParty
from ipops.store.schema.patent import Patent, PatentIpc, PatentRecordHash, Publication
from ipops.store.schema.reference import (
    Industry,
    IndustryIpcRule,
    IpcClass,
    RefdataVersion,
    Region,
    RegionAlias,
    RegionPopulation,
    University,
)
from ipops.store.schema.search import PatentVector, SearchDoc, VectorState
from ipops.store.schema.valuation import PatentGrade

__all__ = [
    "AuditLog",
    "Organisation",
    "User",
    "CustodyItem",
    "CustodyPayment",
    "CustodyPortfolio",
    "PledgeProject",
    "PledgeProjectLog",
    "PledgeProjectPatent",
    "RiskPoolEntry",
    "ImportError_",
    "IndicatorCache",
    "IndicatorInput",
    "PatentAward",
    "PatentFact",
    "PatentGrade",
    "PatentIndustry",
    "ImportRun",
    "MarketDigest",
    "PatentVector",
    "VectorState",
    "Industry",
    "IndustryIpcRule",
    "IpcClass",
    "LegalEvent",
    "MarketListing",
    "MarketListingLog",
    "MarketNeed",
    "MarketNeedClass",
    "SleepingOutcome",
    "Party",
    "PartyName",
    "Patent",
    "PatentIpc",
    "PatentParty",
    "PatentRecordHash",
    "Publication",
    "RefdataVersion",
    "Region",
    "RegionAlias",
    "RegionPopulation",
    "SearchDoc",
    "University",
]
