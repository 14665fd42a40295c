#!/usr/bin/python3
"""Independent reference for seg-gate's metrics, with numpy and PIL only.

Reads class-id label and prediction PNGs (PIL opens palette PNGs as mode "P", whose array values
are the palette indices), builds one confusion matrix over all ids with np.bincount after removing
ignore-index pixels, and derives the metrics the way the PASCAL VOC devkit and mmsegmentation do:
IoU = TP / (TP + FP + FN), NaN when the union is empty and left out of the mean (np.nanmean).

Usage: voc_metrics.py LABEL_DIR PREDICTION_DIR IDS_FILE NUM_CLASSES IGNORE_INDEX
Prints a JSON object on stdout.
"""

import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image


def confusion(label_dir: Path, prediction_dir: Path, ids: list[str], n: int, ignore: int) -> np.ndarray:
    matrix = np.zeros((n, n), dtype=np.int64)
    for image_id in ids:
        label = np.array(Image.open(label_dir / f"{image_id}.png"), dtype=np.int64)
        prediction = np.array(Image.open(prediction_dir / f"{image_id}.png"), dtype=np.int64)
        assert label.shape == prediction.shape, (image_id, label.shape, prediction.shape)
        keep = label != ignore
        matrix += np.bincount(n * label[keep] + prediction[keep], minlength=n * n).reshape(n, n)
    return matrix


def nan_to_none(values: np.ndarray) -> list:
    return [None if np.isnan(v) else float(v) for v in values]


def main() -> None:
    label_dir, prediction_dir, ids_file = (Path(arg) for arg in sys.argv[1:4])
    n, ignore = int(sys.argv[4]), int(sys.argv[5])
    ids = [line.split()[0] for line in ids_file.read_text().splitlines() if line.strip()]
    matrix = confusion(label_dir, prediction_dir, ids, n, ignore).astype(np.float64)

    tp = np.diag(matrix)
    support = matrix.sum(axis=1)
    predicted = matrix.sum(axis=0)
    union = support + predicted - tp
    with np.errstate(divide="ignore", invalid="ignore"):
        iou = tp / union
        recall = tp / support
        precision = tp / predicted
    total = matrix.sum()
    frequency = support / total
    valid = ~np.isnan(iou)

    print(
        json.dumps(
            {
                "miou": float(np.nanmean(iou)),
                "pixelAccuracy": float(tp.sum() / total),
                "meanRecall": float(np.nanmean(recall)),
                "fwIou": float((frequency[valid] * iou[valid]).sum()),
                "iou": nan_to_none(iou),
                "recall": nan_to_none(recall),
                "precision": nan_to_none(precision),
                "support": [int(v) for v in support],
                "confusionMatrix": matrix.astype(np.int64).tolist(),
            }
        )
    )


if __name__ == "__main__":
    main()
