"""Tests of the web app: its pages and the admin."""
