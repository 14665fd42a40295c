import packageJson from '../package.json' with { type: 'json' };

/** The package version, recorded in every report. */
export const TOOL_VERSION: string = packageJson.version;
