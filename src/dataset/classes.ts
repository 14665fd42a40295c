/** The 21 PASCAL VOC classes in id order; 0 is background. */
export const VOC_CLASS_NAMES: readonly string[] = [
  'background',
  'aeroplane',
  'bicycle',
  'bird',
  'boat',
  'bottle',
  'bus',
  'car',
  'cat',
  'chair',
  'cow',
  'diningtable',
  'dog',
  'horse',
  'motorbike',
  'person',
  'pottedplant',
  'sheep',
  'sofa',
  'train',
  'tvmonitor',
];

/** The ignore index of the VOC labels: the void border around objects. */
export const VOC_IGNORE_INDEX = 255;
