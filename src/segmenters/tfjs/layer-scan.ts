import * as tf from '@tensorflow/tfjs-core';

/** Container classes whose `config.layers` (or, in old Keras files, `config` itself) lists layers. */
const CONTAINER_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

/** A layer class that TensorFlow.js does not know, with the layers that use it. */
export interface UnknownLayerClass {
  readonly className: string;
  /** Names of the layers of that class, in topology order. */
  readonly layerNames: readonly string[];
}

/**
 * Walks a Keras layers-model topology (`modelTopology` of a TensorFlow.js `model.json`, with or
 * without its `model_config` wrapper) and returns the layer classes that are not registered with
 * TensorFlow.js serialization, for example `Lambda` or a custom `ResizeImages`. Nested models and
 * the inner layer of wrappers such as `TimeDistributed` and `Bidirectional` are walked too.
 * Custom layers must be registered before the call to count as known.
 */
export function findUnknownLayerClasses(modelTopology: unknown): UnknownLayerClass[] {
  const known = tf.serialization.SerializationMap.getMap().classNameMap;
  const found = new Map<string, string[]>();
  const root =
    isRecord(modelTopology) && isRecord(modelTopology['model_config'])
      ? modelTopology['model_config']
      : modelTopology;

  visitLayer(root, (className, layerName) => {
    if (className in known) {
      return;
    }
    const names = found.get(className) ?? [];
    names.push(layerName);
    found.set(className, names);
  });

  return [...found].map(([className, layerNames]) => ({ className, layerNames }));
}

/** Formats unknown classes as `Lambda (lambda_1, lambda_2), ResizeImages (resize)`. */
export function formatUnknownLayerClasses(classes: readonly UnknownLayerClass[]): string {
  return classes.map((entry) => `${entry.className} (${entry.layerNames.join(', ')})`).join(', ');
}

type LayerVisitor = (className: string, layerName: string) => void;

function visitLayer(layer: unknown, visit: LayerVisitor): void {
  if (!isRecord(layer) || typeof layer['class_name'] !== 'string') {
    return;
  }
  const className = layer['class_name'];
  const config = layer['config'];

  if (CONTAINER_CLASSES.has(className)) {
    const layers = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : undefined;
    if (Array.isArray(layers)) {
      layers.forEach((inner) => visitLayer(inner, visit));
    }
    return;
  }

  visit(className, layerName(layer, config));
  if (isRecord(config)) {
    visitLayer(config['layer'], visit);
  }
}

function layerName(layer: Record<string, unknown>, config: unknown): string {
  if (typeof layer['name'] === 'string') {
    return layer['name'];
  }
  if (isRecord(config) && typeof config['name'] === 'string') {
    return config['name'];
  }
  return '(unnamed)';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
