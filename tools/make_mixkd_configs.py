"""Write augpro/configs/mixkd/ (shipped with the package; `--config configs/mixkd/NAME.yaml` finds them): MixKD's experiments (ICLR 2021, §4) as augpro configs, one file per task and student.

Run from the repository root: `python tools/make_mixkd_configs.py`. Every file names the `mixkd` preset (augpro.config),
which holds what the paper says (BERT12 teacher, student initialised from its first k layers, MSE, λ ~ Beta(0.4, 0.4),
mixup ratio 1, α_SM = α_TMKD = 1); a file adds its task, its student and its number of steps: 3 epochs of the task's
training rows at batch 32 (the paper is silent on steps; BERT's fine-tuning recipe). The training-set sizes are GLUE's.
"""
import math
from pathlib import Path

import yaml

GLUE_TRAIN_ROWS = {"sst2": 67_349, "mrpc": 3_668, "qqp": 363_846, "mnli": 392_702, "qnli": 104_743, "rte": 2_490}
STUDENTS = {"bert6": ("bert-6", 6), "bert3": ("bert-3", 3)}
LIMITED = {"qqp": (0.1, 0.01), "mnli": (0.1, 0.01), "qnli": (0.1, 0.01)}   # Figure 1: BERT3 students, 10% and 1%
EPOCHS, BATCH = 3, 32
OUT = Path(__file__).resolve().parents[1] / "augpro" / "configs" / "mixkd"


def steps(rows: int) -> int:
    return math.ceil(EPOCHS * rows / BATCH)


def config(task: str, student: str, layers: int, fraction: float = 1.0) -> dict:
    n = steps(round(GLUE_TRAIN_ROWS[task] * fraction))
    out = {"preset": "mixkd", "task": task, "method": "sm+tmkd",
           "model": {"student": student, "student_init": "teacher", "student_init_layers": layers},
           "optim": {"steps": n, "warmup_steps": n // 10}}
    if fraction < 1:
        out["data"] = {"data_fraction": fraction, "data_seed": 0}
    return out


def write(name: str, cfg: dict, comment: str):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(f"# {comment}\n" + yaml.safe_dump(cfg, sort_keys=False))


for task, rows in GLUE_TRAIN_ROWS.items():
    for tag, (student, layers) in STUDENTS.items():
        write(f"{task}-{tag}.yaml", config(task, student, layers),
              f"MixKD Table 1: BERT12 -> {student.upper()} on {task}, {EPOCHS} epochs of {rows:,} rows at batch {BATCH}. "
              "Methods: ft, tmkd, sm+tmkd (default), ft+bt, tmkd+bt, sm+tmkd+bt (+bt needs data.augmented_path).")
for task, fractions in LIMITED.items():
    for fraction in fractions:
        write(f"{task}-bert3-{round(fraction * 100)}pct.yaml", config(task, "bert-3", 3, fraction),
              f"MixKD Figure 1: teacher and BERT3 student both learn from the same {fraction:.0%} of {task} "
              "(data.data_seed fixes the subset for every run); compare ft with sm+tmkd. Figure 1 and L403 say only "
              "'MixKD', which Table 3 (L328-329) uses for SM+TMKD+BT: sm+tmkd+bt is the other reading "
              "(it needs data.augmented_path).")
