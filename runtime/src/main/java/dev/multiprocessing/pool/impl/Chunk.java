package dev.multiprocessing.pool.impl;

import java.util.List;

/** One unit of work: {@code items.size()} consecutive items of a job, from input index {@code start}. */
class Chunk {

  final Job job;
  final int seq;
  final int start;
  final List<Object> items;
  /** How many times a worker died while running it (retries are an option, off by default). */
  int deaths;

  Chunk(Job job, int seq, int start, List<Object> items) {
    this.job = job;
    this.seq = seq;
    this.start = start;
    this.items = items;
  }

  @Override
  public String toString() {
    return "chunk " + seq + " of job " + job.id + " (items " + start + ".." + (start + items.size() - 1) + ")";
  }
}
