package org.giaworkbench.plugin;

/** Attack families of the survey: optimization-, generation- and analytics-based, and PEFT (LoRA). */
public enum Family {
    OP("Optimization-based (OP-GIA)"),
    GEN("Generation-based (GEN-GIA)"),
    ANA("Analytics-based (ANA-GIA)"),
    PEFT("Parameter-efficient fine-tuning (LoRA / ViT)"),
    NONE("-");

    private final String title;

    Family(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
