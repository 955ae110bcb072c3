# The report regime of the reporting tests, for the tests of a submission under a silent mail
# server.
from tests.reporting.conftest import regime  # noqa: F401
