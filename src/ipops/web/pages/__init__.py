"""Server-rendered pages (Chinese UI), one module per area, over the same services as the API."""

from fastapi import APIRouter

from ipops.web.pages import home, imports, patents

router = APIRouter(include_in_schema=False)
router.include_router(home.router)
router.include_router(patents.router)
router.include_router(imports.router)
