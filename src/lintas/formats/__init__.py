"""Date and number formats where Django's defaults do not suit the bodies Lintas serves.

Read by Django through FORMAT_MODULE_PATH; it imports nothing of Lintas."""
