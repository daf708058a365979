"""``Store`` divided by aggregate: each part holds the reads and writes of one kind of thing;
``gcm_collect.store.repository.Store`` puts them together behind one facade."""
