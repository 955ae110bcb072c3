"""The HTTP API at /api/v1/: the NinjaAPI object, authentication (session or personal token)
and error mapping. Each app's operations live in that app's api.py and are mounted here.

It sits above every domain app and may import any; no app imports it, and it holds no rules."""
