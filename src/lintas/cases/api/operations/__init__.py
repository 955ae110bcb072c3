"""The cases operations: records, persons, consent, events, sharing, named readers, the access
log, referrals and emergency access (the public statistics are the public app's).

Each operation loads the body (404 for strangers), loads the case through ``selectors`` (404 for
anyone who may not know it exists, a TLP:RED case included), asks the policy (403 for a reader
who may not act) and calls the same services as the pages. Reads of personal data are audited by
``selectors.case_view`` exactly as on the case page. An operation on a case reads its request body
only after that (``_read``; ``_body`` describes it to OpenAPI), so whatever a request holds, a case
the caller may not know of answers 404, exactly as one that does not exist.

By topic, in the order they are registered (which is the order of the OpenAPI document):
``cases``, ``persons``, ``sharing``, ``referrals``; ``common`` holds the router
and the loading every operation shares.
"""

# Importing the topics registers their operations on the router, in this order.
# isort: off
from lintas.cases.api.operations import cases, persons, sharing, referrals  # noqa: F401

# isort: on
from lintas.cases.api.operations.common import (
    MAX_PAGE,
    router,
)

__all__ = [
    "MAX_PAGE",
    "router",
]
