//! Unicode normalisation with offset maps, sentence segmentation and UD-style English tokenisation.
