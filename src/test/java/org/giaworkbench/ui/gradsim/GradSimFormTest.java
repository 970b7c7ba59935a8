package org.giaworkbench.ui.gradsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.gradsim.GradSimRequest;
import org.junit.jupiter.api.Test;

class GradSimFormTest {

    @Test
    void fieldsBecomeARequest() {
        GradSimRequest r = GradSimForm.request("resnet20", " untrained , bundled ", "8, 1,2,2", 3, "imagenet");
        assertEquals(List.of("untrained", "bundled"), r.weights());
        assertEquals(List.of(1, 2, 8), r.ks());
        assertEquals(8, r.batch());
        assertEquals(3, r.label());
    }

    @Test
    void badFieldsSayWhatIsWrong() {
        GiaException e = assertThrows(GiaException.class, () -> GradSimForm.request("resnet20", "untrained", "1,x", 3, "cifar10"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(GiaException.class, () -> GradSimForm.request("resnet20", "untrained", "0", 3, "cifar10"));
        assertThrows(GiaException.class, () -> GradSimForm.request("resnet20", " , ", "1", 3, "cifar10"));
    }
}
