"""augpro: AugPro data augmentation with projection for knowledge distillation, in JAX and Flax NNX."""
__version__ = "0.1.0"
