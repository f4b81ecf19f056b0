#ifndef EMIS_CFILESYSTEM_H
#define EMIS_CFILESYSTEM_H

/// Exchanges the two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`): both must
/// exist. Returns 0, or -1 with `errno` set (`EINVAL` or `ENOSYS` where the file system or
/// the kernel cannot do it).
int emis_exchange_paths(const char *first, const char *second);

/// Renames `from` to `to` only if `to` does not exist (`RENAME_NOREPLACE`). Returns 0, or -1
/// with `errno` set (`EEXIST` when `to` exists).
int emis_rename_no_replace(const char *from, const char *to);

#endif
