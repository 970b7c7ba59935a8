package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.fl.LocalSgd;
import org.giaworkbench.model.GraphScalars;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.LocalTraining;
import org.giaworkbench.plugin.spi.MatchResult;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * Gradient matching against a FedAvg update with the client's local training simulated (strong or weak
 * simulation, the seed's Table III): the guessed images and labels go through the assumed E * ceil(n/B)
 * SGD steps, unrolled differentiably, and the simulated update is compared with the observed one.
 *
 * <p>Exact objective: with {@code s = (w_K(x, y) - w_0) / -lr} and {@code o = delta / -lr} (both
 * updates read as gradients with the assumed lr, so that the squared-L2 distance has the scale of
 * FedSGD matching), the distance is {@code sum_i ||s_i - o_i||^2} ({@link Distance#SQUARED_L2}) or
 * {@code 1 - <s, o> / (|s| |o|)} over all parameters as one vector ({@link Distance#COSINE}). The total
 * is distance + {@code extra}, differentiated with respect to the variables.
 */
final class UpdateMatching {

    private UpdateMatching() {
    }

    static MatchResult match(ServerView view, NDArray images, NDArray labelTargets, List<NDArray> variables,
                             NDArray extra, Distance distance, GradientOracle oracle, NDManager step) {
        LocalTraining assumed = view.update().assumed();
        List<NDArray> w0 = view.model().trainableArrays();
        List<NDArray> after = LocalSgd.unroll(view.model(), images, labelTargets, assumed, oracle, true, step);
        float scale = (float) (-1.0 / assumed.lr());
        List<NDArray> observed = view.update().delta();
        NDArray d = null;
        NDArray dot = null;
        NDArray simNorm = null;
        NDArray obsNorm = null;
        for (int i = 0; i < w0.size(); i++) {
            NDArray s = GraphScalars.mul(after.get(i).sub(w0.get(i)), scale);
            NDArray o = GraphScalars.mul(observed.get(i), scale);
            o.attach(step);
            if (distance == Distance.SQUARED_L2) {
                NDArray term = s.sub(o).square().sum();
                d = d == null ? term : d.add(term);
            } else {
                NDArray sd = s.mul(o).sum();
                NDArray ss = s.square().sum();
                NDArray oo = o.square().sum();
                dot = dot == null ? sd : dot.add(sd);
                simNorm = simNorm == null ? ss : simNorm.add(ss);
                obsNorm = obsNorm == null ? oo : obsNorm.add(oo);
            }
        }
        if (distance == Distance.COSINE) {
            d = GraphScalars.add(dot.div(simNorm.sqrt().mul(obsNorm.sqrt())).neg(), 1);
        }
        NDArray total = d.add(extra);
        List<NDArray> grads = oracle.grad(List.of(total), variables, false, step);
        return new MatchResult(total, d, grads);
    }
}
