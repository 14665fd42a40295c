import type * as tfl from '@tensorflow/tfjs-layers';

/** A layer of a layers model; nested models are layers too. */
export type Layer = tfl.layers.Layer;

/** A layer that contains other layers: a nested `Sequential` or functional model. */
interface LayerContainer {
  readonly layers: readonly Layer[];
}

/**
 * Returns every layer of `model` in its order, with the layers of nested models in place of the
 * nested model itself.
 */
export function flattenLayers(model: LayerContainer): Layer[] {
  const found: Layer[] = [];
  for (const layer of model.layers) {
    if (isContainer(layer)) {
      found.push(...flattenLayers(layer));
    } else {
      found.push(layer);
    }
  }
  return found;
}

/** Returns a config value of a layer: `getConfig()[key]`, or undefined. */
export function layerConfigValue(layer: Layer, key: string): unknown {
  return layer.getConfig()[key];
}

/** Returns the class name a layer is saved under, for example `Conv2D`. */
export function layerClassName(layer: Layer): string {
  return layer.getClassName();
}

function isContainer(layer: Layer): layer is Layer & LayerContainer {
  const layers: unknown = (layer as unknown as Partial<LayerContainer>).layers;
  return Array.isArray(layers);
}
