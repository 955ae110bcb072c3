"""Tests of the network engine (no database needed)."""
