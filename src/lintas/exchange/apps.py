from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "lintas.exchange"
    label = "exchange"
    verbose_name = _("Information exchange")

    def ready(self) -> None:
        from lintas.audit.redaction import register
        from lintas.exchange.audit_rules import OBJECT_TYPES, hidden_message_entries

        register(OBJECT_TYPES, hidden_message_entries)

        from lintas.exchange.notice_rules import reads_message
        from lintas.notices.visibility import register as register_notice

        register_notice("exchange:message", reads_message)
