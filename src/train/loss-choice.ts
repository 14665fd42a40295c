import type { SavedLoss } from './saved-loss.js';
import type { LabelEncoding, LossChoice, LossName } from './settings.js';

/** The loss a run trains with, and why. */
export interface ResolvedLoss {
  readonly name: LossName;
  /** `option` for an explicit `--loss`, `saved` when taken from the training config, else `default`. */
  readonly source: 'option' | 'saved' | 'default';
}

/** Label encoding that each loss expects. */
export const LOSS_ENCODING: Readonly<Record<LossName, LabelEncoding>> = {
  'sparse-categorical-crossentropy': 'sparse',
  'categorical-crossentropy': 'one-hot',
};

/**
 * Picks the training loss: an explicit `--loss`, else the saved loss when it is sparse or
 * categorical cross-entropy, else sparse categorical cross-entropy.
 */
export function resolveLoss(choice: LossChoice, saved: SavedLoss | null): ResolvedLoss {
  if (choice !== 'auto') {
    return { name: choice, source: 'option' };
  }
  if (saved?.encoding === 'one-hot') {
    return { name: 'categorical-crossentropy', source: 'saved' };
  }
  if (saved?.encoding === 'sparse') {
    return { name: 'sparse-categorical-crossentropy', source: 'saved' };
  }
  return { name: 'sparse-categorical-crossentropy', source: 'default' };
}

/** Describes where the loss came from: `(--loss)`, `(saved in trainingConfig of model.json)`. */
export function describeLossSource(loss: ResolvedLoss, saved: SavedLoss | null): string {
  switch (loss.source) {
    case 'option':
      return 'set by --loss';
    case 'saved':
      return `saved as ${saved?.name ?? 'the loss'} in ${saved?.field ?? 'the training config'} of the model JSON`;
    case 'default':
      return 'the default';
  }
}
