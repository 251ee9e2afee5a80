"""URLs of the pages."""

from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from . import (
    comment_views,
    dashboard_views,
    department_views,
    export_views,
    feature_views,
    import_views,
    moderation_log_views,
    notification_views,
    review_actions,
    review_views,
    twin_views,
    views,
    vote_views,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("maps/new/", views.new_map, name="new-map"),
    path("maps/<int:map_id>/", views.map_view, name="map-view"),
    path("maps/<int:map_id>/embed/", views.map_embed, name="map-embed"),
    path("maps/<int:map_id>/export.html", export_views.standalone_html, name="map-export-html"),
    path("layers/<int:layer_id>/import/", import_views.upload, name="import-upload"),
    path("imports/<int:job_id>/", import_views.job_page, name="import-job"),
    path("features/<int:feature_id>/", feature_views.feature_page, name="feature-page"),
    path("features/<int:feature_id>/review/", review_actions.feature_step, name="feature-step"),
    path("features/<int:feature_id>/vote/", vote_views.vote, name="feature-vote"),
    path("features/<int:feature_id>/comments/", comment_views.post_comment, name="comment-post"),
    path("features/<int:feature_id>/comments/answer/", comment_views.post_answer, name="comment-answer"),
    path("features/<int:feature_id>/comments/<int:comment_id>/flag/", comment_views.flag_comment, name="comment-flag"),
    path("features/<int:feature_id>/comments/<int:comment_id>/hide/", comment_views.hide_comment, name="comment-hide"),
    path(
        "features/<int:feature_id>/comments/<int:comment_id>/unhide/",
        comment_views.unhide_comment,
        name="comment-unhide",
    ),
    path(
        "features/<int:feature_id>/comments/<int:comment_id>/delete/",
        comment_views.delete_comment,
        name="comment-delete",
    ),
    path("me/reports/", feature_views.my_reports, name="my-reports"),
    path("me/inbox/", notification_views.inbox, name="inbox"),
    path("me/inbox/read/", notification_views.mark_read, name="inbox-read"),
    path("me/inbox/<int:notification_id>/", notification_views.open_notification, name="inbox-open"),
    path("me/settings/", notification_views.settings_page, name="notification-settings"),
    path("review/", review_views.queue, name="review-queue"),
    path("review/bulk/", review_views.bulk, name="review-bulk"),
    path("review/dashboard/<str:code>/", dashboard_views.district_dashboard, name="review-dashboard"),
    path("review/dashboard/<str:code>.csv", dashboard_views.district_dashboard_csv, name="review-dashboard-csv"),
    path("department/", department_views.assignments, name="department-assignments"),
    path("moderation-log/", moderation_log_views.moderation_log, name="moderation-log"),
    path("twin/", twin_views.scenario_list, name="twin-scenarios"),
    path("twin/scenarios/<int:scenario_id>/", twin_views.scenario_view, name="twin-scenario"),
    path("twin/imports/", twin_views.imports_page, name="twin-imports"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("web.guides_urls")),
]
