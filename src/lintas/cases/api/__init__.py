"""Cases through /api/v1/: records, persons, consent, events, sharing, named readers, the access
log, referrals, emergency access and the statistics.

``operations`` holds the router, under the same selectors, services and policy as the pages;
``schemas`` the shapes it reads and answers. Personal data is read only through ``get_case``,
which audits each read as the case page does.
"""

from lintas.cases.api.operations import router

__all__ = ["router"]
