/* A power cut that loses every write not yet synced, for the durability test.

   Preloaded (LD_PRELOAD) into the writer: each successful fsync or fdatasync of a regular
   file under $POWERCUT_DIR copies the file, as it is at that moment, to FILE.synced. That
   copy is what the disk is guaranteed to hold. The test then kills the writer and puts each
   .synced copy in place of its file (a file never synced vanishes): the disk after the power
   comes back, when nothing unsynced survived. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void snapshot(int fd) {
    const char *dir = getenv("POWERCUT_DIR");
    char link[64], path[4096], tmp[4200], done[4200], buf[1 << 16];
    struct stat st;
    if (dir == NULL || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return;
    path[n] = 0;
    if (strncmp(path, dir, strlen(dir)) != 0) return;
    snprintf(tmp, sizeof tmp, "%s.synced-tmp", path);
    snprintf(done, sizeof done, "%s.synced", path);
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) return;
    off_t at = 0;
    ssize_t got;
    while ((got = pread(fd, buf, sizeof buf, at)) > 0) {
        if (write(out, buf, got) != got) break;
        at += got;
    }
    close(out);
    rename(tmp, done); /* atomic: a kill mid-copy leaves the previous synced state */
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    int rc = real(fd);
    if (rc == 0) snapshot(fd);
    return rc;
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    int rc = real(fd);
    if (rc == 0) snapshot(fd);
    return rc;
}
