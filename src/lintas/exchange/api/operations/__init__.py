"""The exchange operations: the inbox, posting, reading a thread and its files, what the units
do with a thread, and the acknowledgement measures.

Each operation loads the body (404 for strangers) and the thread through the policy (404 for
anyone who may not read it: a TLP:RED or AMBER+STRICT message of others answers exactly as one
that does not exist), asks the policy (403 for a reader who may not act) and calls the same
services and selectors as the pages. A request body is read only after that (``_read``;
``_body`` describes it to OpenAPI).

By topic, in the order they are registered (which is the order of the OpenAPI document):
``messages``, ``thread``, ``measures``; ``common`` holds the router and the loading every
operation shares.
"""

# Importing the topics registers their operations on the router, in this order.
# isort: off
from lintas.exchange.api.operations import messages, thread, measures  # noqa: F401

# isort: on
from lintas.exchange.api.operations.common import MAX_PAGE, router

__all__ = ["MAX_PAGE", "router"]
