"""Pictures for the demo events, drawn with Pillow on this machine (no
download, no bundled binary): a two-colour gradient with a few circles, as
a banner of 1600 × 900 pixels, stored as Wagtail images."""

import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from wagtail_eventcal.event_images import event_collection

SIZE = (1600, 900)
#: (title, Japanese alt text, English alt text, left colour, right colour)
PICTURES = [
    (
        "demo-banner-blue",
        "青から緑へのグラデーションに円が並ぶイベント告知画像",
        "Event banner: circles on a blue-to-green gradient",
        (20, 70, 150),
        (40, 160, 110),
    ),
    (
        "demo-banner-orange",
        "オレンジから赤へのグラデーションに円が並ぶイベント告知画像",
        "Event banner: circles on an orange-to-red gradient",
        (240, 150, 40),
        (190, 40, 50),
    ),
    (
        "demo-banner-purple",
        "紫から紺へのグラデーションに円が並ぶイベント告知画像",
        "",  # English falls back to the Japanese description
        (120, 60, 160),
        (30, 40, 90),
    ),
]


def banner(left, right, seed):
    """JPEG bytes of a gradient banner with translucent circles."""
    mask = Image.linear_gradient("L").rotate(90).resize(SIZE)
    picture = Image.composite(Image.new("RGB", SIZE, left), Image.new("RGB", SIZE, right), mask)
    draw = ImageDraw.Draw(picture, "RGBA")
    rng = random.Random(seed)
    for _ in range(12):
        x, y, r = rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1]), rng.randint(40, 220)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randint(30, 90)))
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def demo_picture(index):
    """(image, alt_ja, alt_en) for the ``index``-th demo picture, made once."""
    title, alt_ja, alt_en, left, right = PICTURES[index % len(PICTURES)]
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is None:
        image = model(
            title=title,
            file=ImageFile(BytesIO(banner(left, right, index)), name=f"{title}.jpg"),
            collection=event_collection(),
        )
        image.save()
    return image, alt_ja, alt_en
