"""JSON API, version 1: one module per area, the JSON twin of every page."""

from fastapi import APIRouter

from ipops.web.api import health, imports, indicators, patents, quality, search

router = APIRouter()
router.include_router(health.router)
router.include_router(patents.router)
router.include_router(imports.router)
router.include_router(quality.router)
router.include_router(search.router)
router.include_router(indicators.router)
