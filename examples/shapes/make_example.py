#!/usr/bin/python3
"""Generate the shapes example: a small VOC-layout dataset and an ONNX model that segments it.

Images are 4-class synthetic scenes (background, square, disc, triangle) drawn with a fixed seed.
Each shape class has its own colour with noise, and labels carry a void border (255) around every
shape, as VOC labels do. The model is a hand-set per-pixel colour classifier: a 1x1 convolution
whose logits are 2 * mu_c . x - |mu_c|^2 (the negative squared distance to each class colour
mu_c, up to a term shared by all classes), followed by 2x2 average pooling, so its output is at
half the input resolution and the evaluation has to upsample it.

Run with Debian's python3-numpy, python3-pil and python3-onnx:
    /usr/bin/python3 examples/shapes/make_example.py
"""

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ROOT = HERE / "VOC"
CLASS_NAMES = ["background", "square", "disc", "triangle"]
# Class colours in [0, 1] RGB.
COLOURS = np.array(
    [[0.45, 0.45, 0.42], [0.85, 0.25, 0.20], [0.20, 0.65, 0.30], [0.25, 0.35, 0.85]],
    dtype=np.float32,
)
MODEL_SIZE = 64
VOID = 255
IMAGE_COUNT = 16


def voc_palette() -> list[int]:
    palette = []
    for index in range(256):
        r = g = b = 0
        c = index
        for bit in range(8):
            r |= ((c >> 0) & 1) << (7 - bit)
            g |= ((c >> 1) & 1) << (7 - bit)
            b |= ((c >> 2) & 1) << (7 - bit)
            c >>= 3
        palette += [r, g, b]
    return palette


def draw_scene(rng: np.random.Generator, width: int, height: int):
    label = Image.new("L", (width, height), 0)
    border = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(label)
    draw_border = ImageDraw.Draw(border)
    for _ in range(int(rng.integers(1, 4))):
        cls = int(rng.integers(1, 4))
        size = int(rng.integers(min(width, height) // 6, min(width, height) // 2))
        x0 = int(rng.integers(0, width - size))
        y0 = int(rng.integers(0, height - size))
        box = [x0, y0, x0 + size, y0 + size]
        if cls == 1:
            shape = lambda d, **kw: d.rectangle(box, **kw)  # noqa: E731
        elif cls == 2:
            shape = lambda d, **kw: d.ellipse(box, **kw)  # noqa: E731
        else:
            points = [(x0 + size // 2, y0), (x0, y0 + size), (x0 + size, y0 + size)]
            shape = lambda d, **kw: d.polygon(points, **kw)  # noqa: E731
        shape(draw, fill=cls)
        shape(draw_border, outline=1, width=2)

    ids = np.array(label, dtype=np.uint8)
    colours = COLOURS[ids]
    noise = rng.normal(0.0, 0.08, size=colours.shape).astype(np.float32)
    rgb = np.clip(colours + noise, 0.0, 1.0)
    image = Image.fromarray((rgb * 255.0 + 0.5).astype(np.uint8), "RGB")

    ids[np.array(border, dtype=np.uint8) > 0] = VOID
    mask = Image.fromarray(ids, "P")
    mask.putpalette(voc_palette())
    return image, mask


def write_dataset() -> None:
    rng = np.random.default_rng(20241204)
    for folder in ("JPEGImages", "SegmentationClass", "ImageSets/Segmentation"):
        (ROOT / folder).mkdir(parents=True, exist_ok=True)
    ids = []
    for index in range(IMAGE_COUNT):
        image_id = f"shapes_{index:03d}"
        width = int(rng.integers(80, 160))
        height = int(rng.integers(60, 120))
        image, mask = draw_scene(rng, width, height)
        image.save(ROOT / "JPEGImages" / f"{image_id}.jpg", quality=92)
        mask.save(ROOT / "SegmentationClass" / f"{image_id}.png")
        ids.append(image_id)
    (ROOT / "ImageSets/Segmentation/val.txt").write_text("\n".join(ids) + "\n")


def write_model() -> None:
    weights = (2.0 * COLOURS).reshape(4, 3, 1, 1) * 10.0
    bias = -(COLOURS**2).sum(axis=1) * 10.0
    nodes = [
        helper.make_node("Transpose", ["image"], ["nchw"], perm=[0, 3, 1, 2]),
        helper.make_node("Conv", ["nchw", "weights", "bias"], ["logits_full"]),
        helper.make_node("AveragePool", ["logits_full"], ["logits_half"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Transpose", ["logits_half"], ["logits"], perm=[0, 2, 3, 1]),
    ]
    graph = helper.make_graph(
        nodes,
        "shapes_colour_classifier",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, MODEL_SIZE, MODEL_SIZE, 3])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, MODEL_SIZE // 2, MODEL_SIZE // 2, 4])],
        [
            helper.make_tensor("weights", TensorProto.FLOAT, weights.shape, weights.flatten().tolist()),
            helper.make_tensor("bias", TensorProto.FLOAT, bias.shape, bias.tolist()),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="seg-gate examples")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, HERE / "model.onnx")


if __name__ == "__main__":
    write_dataset()
    write_model()
    print(f"wrote {IMAGE_COUNT} images to {ROOT} and the model to {HERE / 'model.onnx'}")
