/**
 * The `seg-gate evaluate` command: its commander definition and the step from parsed options to
 * `EvaluateSettings`. Nothing here runs a model, because the settings go to the handler given by
 * the caller.
 */
import { Command, Option, type OptionValues } from 'commander';

import { configValues, readConfigFile } from '../config/config-file.js';
import { EVALUATE_EXCLUSIVE_GROUPS, EVALUATE_OPTIONS } from '../config/evaluate-options.js';
import { mergeSettingValues } from '../config/merge.js';
import { resolveEvaluateSettings } from '../config/resolve-evaluate.js';
import type { EvaluateSettings } from '../config/settings.js';
import { parsePathText } from '../config/values.js';
import { addSettingOptions, readCliValues } from './options.js';

const DESCRIPTION =
  'Evaluate a semantic segmentation model on a labelled dataset: mIoU, per-class IoU and ' +
  'recall, and contract checks on labels, predictions and model output.';

const HELP_FOOTER = `
Settings can also come from --config FILE (JSON or YAML). Its keys are the camelCase option
names (numClasses, ignoreIndex, savePredictions, ...), its relative paths start from the folder
that contains it, and options on the command line override its keys. One key has no option:
classThresholds, the minimum IoU and recall by class name, for example
  classThresholds: { person: { minIou: 0.5 }, bottle: { minRecall: null } }
where null exempts the class from --min-class-iou or --min-class-recall.

Examples:
  seg-gate evaluate --data VOC2012 --model model.onnx --normalize tf --input-size 513x513
  seg-gate evaluate --images images --labels labels --predictions masks --num-classes 2 \\
    --class-names background,person
  seg-gate evaluate --config seg-gate.yml --limit 10 --report report.json`;

/**
 * Creates the `evaluate` command. Its action parses the options against `cwd`, reads the config
 * file and the class names file, and passes the settings to `run`.
 */
export function createEvaluateCommand(
  cwd: string,
  run: (settings: EvaluateSettings) => Promise<void>,
): Command {
  const command = new Command('evaluate')
    .description(DESCRIPTION)
    .addOption(
      new Option(
        '--config <file>',
        'Read settings from a JSON or YAML file (.json, .yml, .yaml). Options given here ' +
          'override its keys. Default: no config file.',
      ),
    )
    .addHelpText('after', HELP_FOOTER);

  addSettingOptions(command, EVALUATE_OPTIONS);

  command.action(async (options: OptionValues) => {
    await run(await settingsFromOptions(options, cwd));
  });
  return command;
}

/**
 * Builds the evaluate settings from commander's option values: config file first, then the
 * command line on top.
 */
export async function settingsFromOptions(
  options: OptionValues,
  cwd: string,
): Promise<EvaluateSettings> {
  const cli = readCliValues(options, EVALUATE_OPTIONS, cwd);

  const rawConfig: unknown = options['config'];
  const configPath =
    typeof rawConfig === 'string' ? parsePathText(rawConfig, '--config', 'file', cwd) : null;
  const config =
    configPath === null
      ? {}
      : configValues(await readConfigFile(configPath), EVALUATE_OPTIONS, configPath);

  const merged = mergeSettingValues(config, cli, EVALUATE_EXCLUSIVE_GROUPS);
  return resolveEvaluateSettings(merged, configPath);
}
