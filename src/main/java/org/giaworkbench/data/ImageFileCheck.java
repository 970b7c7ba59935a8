package org.giaworkbench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Tells, when a dataset is opened, whether an image file will decode, without decoding most files: a
 * JPEG, PNG or GIF that starts with its format's signature and ends with its end marker is taken as whole
 * (reading 20 bytes). Anything else (a BMP, a wrong signature, a missing end marker) is decoded once to decide.
 *
 * <p>Why the full decode watches warnings: ImageIO decodes a JPEG cut off in its pixel data without an
 * exception, filling the rest grey, and only warns ("Truncated File - Missing EOI marker", "Corrupt JPEG
 * data: premature end of data segment"); cut PNG, GIF and BMP files throw. So an exception, no reader for
 * the bytes, or a warning about a truncated file or premature end makes a file unreadable. Other warnings
 * (say, extraneous bytes before a marker) do not: such files display fine.
 */
final class ImageFileCheck {

    private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] JPEG_END = {(byte) 0xFF, (byte) 0xD9};
    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** The IEND chunk: zero length, type, CRC. */
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    private static final byte[] GIF_START = {'G', 'I', 'F', '8'};
    private static final byte[] GIF_END = {0x3B};
    private static final int HEAD = 8;
    private static final int TAIL = 12;

    private ImageFileCheck() {
    }

    /** Why {@code file} cannot be used as an image, or empty when it can. */
    static Optional<String> problem(Path file) {
        try {
            return looksWhole(file) ? Optional.empty() : decodeProblem(file);
        } catch (IOException e) {
            return Optional.of("cannot be read: " + message(e));
        }
    }

    private static boolean looksWhole(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size < HEAD + TAIL) {
                return false;
            }
            byte[] head = read(ch, 0, HEAD);
            byte[] tail = read(ch, size - TAIL, TAIL);
            return framedBy(head, tail, JPEG_START, JPEG_END) || framedBy(head, tail, PNG_START, PNG_END)
                    || framedBy(head, tail, GIF_START, GIF_END);
        }
    }

    private static byte[] read(SeekableByteChannel ch, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        ch.position(position);
        while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
            // a channel may hand out fewer bytes than asked for
        }
        return buffer.array();
    }

    private static boolean framedBy(byte[] head, byte[] tail, byte[] start, byte[] end) {
        return Arrays.equals(head, 0, start.length, start, 0, start.length)
                && Arrays.equals(tail, tail.length - end.length, tail.length, end, 0, end.length);
    }

    private static Optional<String> decodeProblem(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.of("not a jpg, png, bmp or gif image");
            }
            ImageReader reader = readers.next();
            List<String> truncation = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                String w = warning.toLowerCase(Locale.ROOT);
                if (w.contains("truncated") || w.contains("premature end")) {
                    truncation.add(warning);
                }
            });
            try {
                reader.setInput(in, true, true);
                reader.read(0);
            } catch (IOException | RuntimeException e) {
                return Optional.of("cannot be decoded: " + message(e));
            } finally {
                reader.dispose();
            }
            return truncation.isEmpty() ? Optional.empty() : Optional.of("truncated: " + truncation.get(0));
        }
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
