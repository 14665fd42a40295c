/**
 * The `seg-gate train` command: its commander definition and the step from parsed options to
 * `TrainSettings`. Nothing here trains, because the settings go to the handler given by the caller.
 */
import { Command, Option, type OptionValues } from 'commander';

import { configValues } from '../config/config-file.js';
import { mergeSettingValues } from '../config/merge.js';
import { resolveTrainSettings } from '../config/resolve-train.js';
import {
  TRAIN_EVALUATE_OPTIONS,
  TRAIN_EXCLUSIVE_GROUPS,
  TRAIN_OPTIONS,
  TRAINING_HELP_GROUP,
  TRAINING_OPTIONS,
} from '../config/train-options.js';
import { parsePathText } from '../config/values.js';
import { readTrainConfigFile } from '../train/config-file.js';
import type { TrainSettings } from '../train/settings.js';
import { addSettingOptions, readCliValues } from './options.js';

const SUMMARY = 'Fine-tune a TensorFlow.js layers model, then evaluate the checkpoint.';

const DESCRIPTION =
  'Fine-tune a TensorFlow.js layers model for a few steps with a masked cross-entropy, with ' +
  'contract and sanity checks on the way, save the checkpoint and evaluate it like seg-gate ' +
  'evaluate.';

const HELP_FOOTER = `
The evaluate options describe the data, the classes and the model input, and apply to the
evaluation of the saved checkpoint after training (its report, summary and gate). Settings can
also come from --config FILE (JSON or YAML) with the camelCase option names as keys.

Exit codes: 0 when training and the evaluation passed, 1 when a training. check or the gate
failed, 2 for invalid options or inputs (graph models and SavedModels cannot be trained), 3 for
internal errors.

Example:
  seg-gate train --model initial/model.json --data VOC --split train --eval-split val \\
    --num-classes 4 --normalize unit --input-size 32x32 --steps 40 --batch-size 4 \\
    --learning-rate 0.01 --output trained --training-report trained/training.json`;

/**
 * Creates the `train` command. Its action parses the options against `cwd`, reads the config
 * file, and passes the settings to `run`.
 */
export function createTrainCommand(
  cwd: string,
  run: (settings: TrainSettings) => Promise<void>,
): Command {
  const command = new Command('train')
    .summary(SUMMARY)
    .description(DESCRIPTION)
    .addOption(
      new Option(
        '--config <file>',
        'Read settings from a JSON or YAML file (.json, .yml, .yaml). Options given here ' +
          'override its keys. Default: no config file.',
      ),
    )
    .addHelpText('after', HELP_FOOTER);

  addSettingOptions(command, TRAIN_EVALUATE_OPTIONS);
  addTrainingOptions(command);

  command.action(async (options: OptionValues) => {
    await run(await trainSettingsFromOptions(options, cwd));
  });
  return command;
}

/** Builds the train settings from commander's option values: config file, then command line. */
export async function trainSettingsFromOptions(
  options: OptionValues,
  cwd: string,
): Promise<TrainSettings> {
  const cli = readCliValues(options, TRAIN_OPTIONS, cwd);

  const rawConfig: unknown = options['config'];
  const configPath =
    typeof rawConfig === 'string' ? parsePathText(rawConfig, '--config', 'file', cwd) : null;
  const config =
    configPath === null
      ? {}
      : configValues(await readTrainConfigFile(configPath), TRAIN_OPTIONS, configPath);

  const merged = mergeSettingValues(config, cli, TRAIN_EXCLUSIVE_GROUPS);
  return resolveTrainSettings(merged, configPath);
}

/** Adds the training options under their own heading. */
function addTrainingOptions(command: Command): void {
  for (const spec of Object.values(TRAINING_OPTIONS)) {
    if (spec.flag === null) {
      continue;
    }
    const flags = spec.valueName === null ? spec.flag : `${spec.flag} ${spec.valueName}`;
    command.addOption(new Option(flags, spec.help).helpGroup(TRAINING_HELP_GROUP));
  }
}
