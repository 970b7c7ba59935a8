package org.giaworkbench.ui.fx;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * Every icon the window shows, by meaning. Code and FXML name the meaning; the glyph is chosen here
 * only, so that swapping the icon pack touches one file.
 */
public enum AppIcon {
    RUN(MaterialDesignP.PLAY),
    CANCEL(MaterialDesignS.STOP),
    OPEN_SPEC(MaterialDesignF.FOLDER_OPEN),
    SAVE_SPEC(MaterialDesignC.CONTENT_SAVE),
    COPY_CLI(MaterialDesignC.CONSOLE_LINE),
    EXPORT(MaterialDesignE.EXPORT),
    DATASET(MaterialDesignD.DATABASE),
    MODEL(MaterialDesignB.BRAIN),
    ATTACK(MaterialDesignS.SWORD),
    GALLERY(MaterialDesignI.IMAGE_MULTIPLE),
    HISTORY(MaterialDesignH.HISTORY),
    THEME(MaterialDesignT.THEME_LIGHT_DARK),
    FOLDER(MaterialDesignF.FOLDER),
    SUCCESS(MaterialDesignC.CHECK_CIRCLE),
    WARNING(MaterialDesignA.ALERT),
    ERROR(MaterialDesignA.ALERT_CIRCLE),
    CANCELLED(MaterialDesignC.CANCEL),
    DEVICE(MaterialDesignC.CHIP),
    MEMORY(MaterialDesignM.MEMORY),
    PRESETS(MaterialDesignB.BOOKMARK_MULTIPLE),
    SWEEP(MaterialDesignC.CHART_LINE);

    private final Ikon ikon;

    AppIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    public Ikon ikon() {
        return ikon;
    }

    /** A new icon node; colour and size come from CSS ({@code .gia-icon}). */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("gia-icon");
        return icon;
    }
}
