import { main } from './main';

// Entry of the `loupe` command (bin/loupe.mjs loads this, from source or from the build).
void main(process.argv.slice(2)).then((code) => {
  if (code !== 'running') process.exitCode = code;
});
