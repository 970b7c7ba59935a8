package org.giaworkbench.ui.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/** Loads {@code /fxml/<feature>/<Name>.fxml} with the message bundle and a controller factory. */
public final class Fxml {

    private Fxml() {
    }

    public static Parent load(String resource, Callback<Class<?>, Object> controllers) {
        URL url = Fxml.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("missing FXML resource " + resource);
        }
        FXMLLoader loader = new FXMLLoader(url, Messages.bundle());
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource, e);
        }
    }
}
