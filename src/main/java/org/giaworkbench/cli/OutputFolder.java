package org.giaworkbench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.core.GiaException;

/**
 * Checks, before a command starts its work, that the folder it will write to can be created and written:
 * a bad {@code --out} must cost a second and exit 2, not a finished attack and a stack trace.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Creates the missing parts of {@code folder}, writes and deletes a probe file in it, then removes the
     * folders it created, so the check leaves nothing behind (the command creates them again when it writes).
     * Only a real write is reliable: {@link Files#isWritable} says yes to root even under /proc.
     *
     * @param option the command-line option that chose the folder, for the hint
     * @throws GiaException (bad input) naming the folder and why it cannot be written
     */
    static void requireWritable(Path folder, String option) {
        Path absolute = folder.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>(); // deepest first, the order to remove them in
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            missing.add(existing);
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw refused(folder, existing + " is a file, not a folder", option);
        }
        try {
            Files.createDirectories(absolute);
            Files.delete(Files.createTempFile(absolute, ".gia-write-check-", ".tmp"));
        } catch (IOException e) {
            throw refused(folder, reason(e), option);
        } finally {
            missing.forEach(OutputFolder::removeQuietly);
        }
    }

    /** Checks the folder that will hold {@code file} (a CSV the command writes, say). */
    static void requireWritableParent(Path file, String option) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            requireWritable(parent, option);
        }
    }

    private static GiaException refused(Path folder, String reason, String option) {
        return GiaException.badInput("cannot write to the output folder " + folder + ": " + reason,
                "give " + option + " a folder you can write to");
    }

    /** The OS's words where it has some; the JDK leaves them out of a few exceptions. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            // What mkdir reports where a file system takes no new folders, e.g. /proc.
            return n.getFile() + " cannot be created";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void removeQuietly(Path createdByTheCheck) {
        try {
            Files.deleteIfExists(createdByTheCheck);
        } catch (IOException e) {
            // An empty folder left behind is harmless; the command writes into it anyway.
        }
    }
}
