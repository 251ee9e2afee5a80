"""The rejection reasons a new installation starts with, written after ``migrate`` when there are none.

Written on ``post_migrate`` (like Django's own permissions) rather than by a
data migration, so a database that was emptied — a test flush, a reset — gets
them back, while an administrator's edits and deletions are kept: reasons are
written only when the table is empty.
"""

from django.apps import apps as global_apps

REASONS = [
    ("duplicate", "이미 등록된 제보와 중복", "Duplicate of an existing report"),
    ("complaint", "개인 민원으로 처리할 내용", "An individual complaint, not a map report"),
    ("personal-data", "개인정보 포함", "Contains personal information"),
    ("abuse", "욕설·비방·혐오 표현", "Abusive or hateful language"),
    ("advertising", "광고·홍보", "Advertising"),
    ("off-topic", "지도의 주제와 무관", "Not about this map's topic"),
    ("inaccurate", "위치나 내용이 부정확", "Inaccurate place or content"),
    ("other", "기타 (사유 참고)", "Other (see the reason given)"),
]


def write_default_reasons(sender, apps=global_apps, using="default", **kwargs):
    """``migrate`` passes its historical ``apps``; ``flush`` passes none, so the current models are used."""
    RejectionReason = apps.get_model("layers", "RejectionReason")
    if RejectionReason.objects.using(using).exists():
        return
    RejectionReason.objects.using(using).bulk_create(
        RejectionReason(code=code, label_ko=label_ko, label_en=label_en, order=order)
        for order, (code, label_ko, label_en) in enumerate(REASONS)
    )
