"""A feature's own page, with its own URL: what was reported, where, its photos and its status."""

from django.http import HttpResponse


def feature_page(request, feature_id):
    return HttpResponse(status=501)
