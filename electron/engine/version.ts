import { version } from '../../package.json';

export const LOUPE_VERSION: string = version;
