// Which files are requirement files: the settings' `include` and `exclude` globs on workspace-relative
// paths with `/` separators. The CLI's walk, the extension's file source, the scan of other branches
// and the CSV import's check all ask here, so all of them pick the same files.
import picomatch from 'picomatch';

export interface FileGlobs {
  /** A file the settings select: an include glob matches it and no exclude glob does. */
  selects(file: string): boolean;
  /** A folder an exclude glob matches, as `dir` or as `dir/`: nothing below it is read. */
  excludesFolder(folder: string): boolean;
}

export function fileGlobs(include: readonly string[], exclude: readonly string[]): FileGlobs {
  const included = picomatch([...include], { dot: true });
  const excluded = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
  return {
    selects: (file) => included(file) && !excluded(file),
    excludesFolder: (folder) => excluded(folder) || excluded(`${folder}/`),
  };
}
