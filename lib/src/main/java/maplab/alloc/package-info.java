/**
 * What the Go allocator hands out for a request, below both the engines and the heap model:
 * malloc size classes ({@code roundupsize}) and append's capacities ({@code growslice}).
 */
package maplab.alloc;
