package org.giaworkbench.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecCommandLineTest {

    /** Splits the line the way a POSIX shell would for the quoting SpecCommandLine uses. */
    private static List<String> shellWords(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    private static ExperimentSpec replay(String line) {
        List<String> words = shellWords(line);
        assertEquals(List.of("./gia", "run", "--preset", SpecCommandLine.BASE_PRESET), words.subList(0, 4));
        ObjectNode tree = SpecJson.presetTree(words.get(3));
        for (int i = 4; i < words.size(); i += 2) {
            assertEquals("--set", words.get(i));
            SpecJson.applyOverride(tree, words.get(i + 1));
        }
        return SpecJson.bind(tree);
    }

    @Test
    void theBasePresetNeedsNoOverrides() {
        assertEquals("./gia run --preset quickstart-dlg", SpecCommandLine.of(Presets.load("quickstart-dlg")));
    }

    @Test
    void aChangedSpecRoundTripsThroughTheCommandLine() {
        ExperimentSpec spec = new ExperimentSpec("it's mine",
                new DataSpec("image-folder", "/data/my images/set", 64, 4, 2, 7, null, "imagenet"),
                new ModelSpec("resnet20", "relu", "bundled", 3, "train", null),
                new FlSpec("fedsgd", "known"),
                new AttackSpec("inverting-gradients", Map.of("iterations", 500, "lr", 0.05, "tv", 1e-4, "restarts", 2,
                        "lr-decay", false)),
                new RunSpec("cpu", 11, 25));
        String line = SpecCommandLine.of(spec);
        assertTrue(line.contains("--set attack.iterations=500"), line);
        assertTrue(line.contains("'data.path=/data/my images/set'"), line);
        assertEquals(SpecJson.toTree(spec), SpecJson.toTree(replay(line)));
    }

    @Test
    void numericLookingStringsStayStrings() {
        ExperimentSpec spec = new ExperimentSpec("123", null, null, null, new AttackSpec("dlg", Map.of("iterations", 300)), null);
        assertEquals(SpecJson.toTree(spec), SpecJson.toTree(replay(SpecCommandLine.of(spec))));
    }
}
