"""Date and number formats where Django's defaults do not suit the bodies Lintas serves."""
