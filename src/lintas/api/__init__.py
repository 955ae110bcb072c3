"""The HTTP API at /api/v1/: the NinjaAPI object, authentication (session or personal token)
and error mapping. Each app's operations live in that app's api.py and are mounted here."""
