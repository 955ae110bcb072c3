"""Writes of the exchange: posting, reading, acknowledging, acting on, answering, updating,
cancelling, passing on and summarising messages. Each call is atomic, asks the policy, is
audited, and raises ``LintasError`` naming the field when the request is refused; the people
concerned are told through ``notices.services.notify``."""

from lintas.exchange.services.chase import ChaseSummary, chase_unacknowledged
from lintas.exchange.services.content import MAX_ATTACHMENT_BYTES, Upload, clean_html
from lintas.exchange.services.forwards import decide_forward, forward
from lintas.exchange.services.messages import (
    answer,
    cancel_message,
    derive_summary,
    import_misp,
    post_message,
    update_message,
)
from lintas.exchange.services.receipts import (
    acknowledge,
    record_action,
    record_download,
    record_export,
    record_reading,
)
from lintas.exchange.services.setup import (
    add_client,
    delete_group,
    remove_client,
    save_group,
    set_agreed_time,
)

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "ChaseSummary",
    "Upload",
    "acknowledge",
    "add_client",
    "answer",
    "cancel_message",
    "chase_unacknowledged",
    "clean_html",
    "decide_forward",
    "delete_group",
    "derive_summary",
    "forward",
    "import_misp",
    "post_message",
    "record_action",
    "record_download",
    "record_export",
    "record_reading",
    "remove_client",
    "save_group",
    "set_agreed_time",
    "update_message",
]
