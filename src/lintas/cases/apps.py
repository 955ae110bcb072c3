from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "lintas.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        import lintas.cases.checks  # noqa: F401  (registers the system checks)
        from lintas.audit.redaction import register
        from lintas.cases.audit_rules import CASE_OF, hidden_case_entries

        register(CASE_OF, hidden_case_entries)

        from lintas.cases.notice_rules import reads_case
        from lintas.notices.visibility import register as register_notice

        for name in ("cases:detail", "cases:access"):
            register_notice(name, reads_case)
