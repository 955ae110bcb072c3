"""The exchange through /api/v1/: the inbox, posting, reading a thread (recorded as the page
records it), acknowledging, acting, answering, updating, cancelling, passing on and summarising
messages, their files, and the acknowledgement measures.

``operations`` holds the router, under the same policy, services and selectors as the pages;
``schemas`` the shapes it reads and answers.
"""

from lintas.exchange.api.operations import router

__all__ = ["router"]
