"""The shipped recipe: an ensemble of learners whose logits are averaged, and the small file it ships in."""
import numpy as np
import pytest
import torch

from engine.marking.model import LearnedMarker
from engine.marking.persistence import load_marker, save_marker
from engine.marking.protocol import make_marker
from engine.marking.training import SHIPPED, TrainSettings, shipped_settings
from tests.marking.helpers import synthetic_question, synthetic_questions


@pytest.fixture(autouse=True)
def one_thread():
    torch.set_num_threads(1)


def test_an_ensemble_averages_its_members_and_survives_a_round_trip(tmp_path):
    marker = LearnedMarker(TrainSettings(learner="relation", dim=8, epochs=2, ensemble=2, seed=1))
    marker.fit(synthetic_questions(12))
    first, second = marker.net.members
    assert not torch.equal(first.encoder.bag.weight, second.encoder.bag.weight)  # different seeds
    assert len(marker.info["training"]["members"]) == 2
    q = synthetic_question(40)
    support = np.array([0, 1, 2])
    singles = [LearnedMarker(TrainSettings(learner="relation", dim=8), type(marker.net)([m])).predict(
        q, support, q.correct[support]) for m in marker.net.members]
    p = marker.predict(q, support, q.correct[support])
    logit = lambda x: np.log(x / (1 - x))
    np.testing.assert_allclose(logit(p), (logit(singles[0]) + logit(singles[1])) / 2, rtol=1e-4, atol=1e-4)
    save_marker(marker, tmp_path / "m")
    np.testing.assert_allclose(load_marker(tmp_path / "m").predict(q, support, q.correct[support]), p, atol=2e-3)


def test_the_protocol_knows_the_shipped_recipe():
    recipe = make_marker(SHIPPED)
    assert recipe.name == SHIPPED and recipe.settings == shipped_settings()
    assert len(recipe.net.members) == recipe.settings.ensemble


def test_the_shipped_file_stores_its_embedding_tables_in_8_bits_and_reads_them_back_close(tmp_path):
    """A shipped model must stay small (house rule: tracked files under 5 MB); 8-bit rows keep each weight within
    half a step of its row's range."""
    import numpy as np
    from safetensors.numpy import load_file

    from engine.marking.marker import default_marker_path
    from engine.marking.persistence import load_marker, save_marker

    shipped = default_marker_path()
    weights = shipped.with_suffix(".safetensors") if shipped.suffix != ".safetensors" else shipped
    assert weights.stat().st_size < 5 * 1024 * 1024
    marker = load_marker(shipped)
    save_marker(marker, tmp_path / "again")
    stored = load_file(str(tmp_path / "again.safetensors"))
    tables = [name for name in stored if name.endswith("encoder.bag.weight")]
    assert tables and all(stored[name].dtype == np.int8 for name in tables)
    again = load_marker(tmp_path / "again")
    for (name, before), (_, after) in zip(marker.net.state_dict().items(), again.net.state_dict().items()):
        row_range = before.abs().amax(dim=-1, keepdim=True) if before.dim() == 2 else before.abs().max()
        assert ((before - after).abs() <= row_range / 127 * 0.5 + 1e-6).all(), name
