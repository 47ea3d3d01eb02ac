"""Device choice: order cuda > mps > cpu, overrides, clear errors, same numbers on every device."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from engine import device as device_module
from engine.device import choose_device, configure_threads, thread_count
from engine.errors import LamplightError


def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAMPLIGHT_DEVICE", raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert choose_device().type == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device_module, "_mps_available", lambda torch: True)
    assert choose_device().type == "mps"
    monkeypatch.setattr(device_module, "_mps_available", lambda torch: False)
    assert choose_device("auto").type == "cpu"


def test_environment_and_argument_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setenv("LAMPLIGHT_DEVICE", "cpu")
    assert choose_device().type == "cpu"
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    assert choose_device("cuda").type == "cuda"  # an explicit argument wins over the variable


def test_unavailable_or_unknown_device_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(LamplightError, match="no CUDA GPU"):
        choose_device("cuda")
    with pytest.raises(LamplightError, match="Unknown device"):
        choose_device("quantum")


def test_threads_follow_environment_and_leave_one_for_the_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAMPLIGHT_THREADS", "3")
    assert thread_count() == 3
    monkeypatch.delenv("LAMPLIGHT_THREADS")
    monkeypatch.setattr(device_module, "physical_cores", lambda: 4)
    assert thread_count(leave_one_for_gui=True) == 3
    monkeypatch.setattr(device_module, "physical_cores", lambda: 1)
    assert thread_count(leave_one_for_gui=True) == 1
    monkeypatch.setenv("LAMPLIGHT_THREADS", "many")
    with pytest.raises(LamplightError, match="LAMPLIGHT_THREADS"):
        thread_count()
    monkeypatch.setenv("LAMPLIGHT_THREADS", str(torch.get_num_threads()))
    assert configure_threads() == torch.get_num_threads()


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_meta_training_step_gives_the_same_numbers_on_cuda_and_cpu() -> None:
    from engine.model.response import ResponseModel, Settings
    from engine.model.synthetic import make_class
    from engine.model.training import meta_train

    truth, history = make_class(students=40, items=60, answers_per_student=25, skills=5, seed=3)
    results = []
    for name in ("cpu", "cuda"):
        model = ResponseModel(Settings(outer_steps=5, seed=1, loading_min_answers=10, loading_prior=1.0))  # loadings too
        meta_train(model, history, truth.items, device=torch.device(name))
        assert np.abs(model.params["loading"]).max() > 0.05
        results.append(model.predict(model.adapt(["item1", "item2"], [1.0, 0.0]), list(truth.items)))
    np.testing.assert_allclose(results[0], results[1], atol=1e-4)


def test_the_app_leaves_a_core_for_the_screen_before_and_after_torch_loads(tmp_path):
    import subprocess
    import sys

    code = ("import os; os.environ.pop('OMP_NUM_THREADS', None); os.environ['LAMPLIGHT_THREADS'] = '{n}';"
            "from engine.device import reserve_a_core_for_the_gui as r; {first}r(); import torch; print(torch.get_num_threads())")
    for first in ("", "import torch; "):  # the app's start (torch not yet loaded), and a later call
        out = subprocess.run([sys.executable, "-c", code.format(n=1, first=first)], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "1", (first, out.stdout, out.stderr)
