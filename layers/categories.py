"""Default categories of the map kinds: what residents report on safety and sharing maps.

``due_days`` (default 14) is how long a department gets once a report is
assigned; ``sensitive`` categories are shown to the public at a blurred place.
"""

SAFETY_CATEGORIES = [
    {
        "key": "dark-alley",
        "label_ko": "어두운 골목",
        "label_en": "Dark alley",
        "icon": "lightbulb-off",
        "color": "#5b4b8a",
    },
    {
        "key": "walkway-danger",
        "label_ko": "보행 위험",
        "label_en": "Dangerous walkway or crossing",
        "icon": "walk",
        "color": "#e4572e",
    },
    {
        "key": "broken-facility",
        "label_ko": "시설물 파손",
        "label_en": "Broken facility",
        "icon": "tools",
        "color": "#f0a202",
        "due_days": 7,
    },
    {
        "key": "flooding",
        "label_ko": "침수",
        "label_en": "Flooding",
        "icon": "droplet",
        "color": "#1f77b4",
        "due_days": 7,
    },
    {
        "key": "crime-worry",
        "label_ko": "범죄 불안",
        "label_en": "Crime worry",
        "icon": "alert",
        "color": "#c0392b",
        "sensitive": True,
    },
    {"key": "other", "label_ko": "기타", "label_en": "Other", "icon": "dots", "color": "#7f8c8d"},
]

SHARING_CATEGORIES = [
    {"key": "food", "label_ko": "먹거리", "label_en": "Food", "icon": "bowl", "color": "#e67e22"},
    {"key": "play", "label_ko": "놀거리", "label_en": "Things to do", "icon": "playground", "color": "#27ae60"},
    {"key": "story", "label_ko": "이야깃거리", "label_en": "Local stories", "icon": "book", "color": "#8e44ad"},
    {"key": "amenity", "label_ko": "편의시설", "label_en": "Amenities", "icon": "building", "color": "#2980b9"},
]

OTHER_CATEGORIES = [
    {"key": "other", "label_ko": "기타", "label_en": "Other", "icon": "dots", "color": "#7f8c8d"},
]

DEFAULT_CATEGORIES = {"safety": SAFETY_CATEGORIES, "sharing": SHARING_CATEGORIES, "other": OTHER_CATEGORIES}


def default_categories(map_kind):
    return [dict(category) for category in DEFAULT_CATEGORIES.get(map_kind, OTHER_CATEGORIES)]
